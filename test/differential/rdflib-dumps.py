"""Parses each dump with Debian's Python rdflib and writes back what it read, for the differential test.

Reads {"files": [[path, rdflib format name], ...]} on stdin; writes {path: {"nquads": text} | {"error": text}}.
Triples land in the Dataset's default graph and quads in their named graphs; N-Quads keeps both apart.
"""
import json
import sys

from rdflib import Dataset

request = json.load(sys.stdin)
out = {}
for path, fmt in request["files"]:
    try:
        dataset = Dataset()
        dataset.parse(path, format=fmt)
        text = dataset.serialize(format="nquads")
        out[path] = {"nquads": text.decode("utf-8") if isinstance(text, bytes) else text}
    except Exception as error:
        out[path] = {"error": f"{type(error).__name__}: {error}"}
json.dump(out, sys.stdout)
