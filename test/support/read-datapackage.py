"""Reads releases' statements.csv into pandas with the types their Frictionless data packages declare.

Usage: read-datapackage.py IRI_PREFIX LOCAL_FOLDER DATAPACKAGE_JSON...
A package names the CSV by its absolute IRI; a path under IRI_PREFIX is read from LOCAL_FOLDER instead
(the test has no network). Prints, as a JSON list in the order of the packages, each one's columns with
their pandas dtype, the row count, whether the primary key is unique and present, and the values of the
integer and boolean columns' sums, to check they were read. One process reads them all: importing pandas
costs more than reading a release.
"""
import json
import sys

import pandas as pd

iri_prefix, local_folder, *package_paths = sys.argv[1:]

# Table Schema types -> pandas dtypes. A list cell stays a string here; it is split below on its delimiter.
DTYPES = {"string": "string", "integer": "Int64", "boolean": "boolean", "list": "string"}


def read(package_path):
    package = json.load(open(package_path, encoding="utf-8"))
    (resource,) = package["resources"]
    schema = resource["schema"]
    dtypes = {field["name"]: DTYPES[field["type"]] for field in schema["fields"]}
    missing = schema.get("missingValues", [""])

    path = resource["path"]
    if path.startswith(iri_prefix):
        path = local_folder + "/" + path[len(iri_prefix):]

    frame = pd.read_csv(
        path,
        dtype=dtypes,
        encoding=resource.get("encoding", "utf-8"),
        header=0 if resource["dialect"].get("header", True) else None,
        keep_default_na=False,
        na_values=missing,
        true_values=["true"],
        false_values=["false"],
    )
    for field in schema["fields"]:
        if field["type"] == "list":
            frame[field["name"]] = frame[field["name"]].str.split(field["delimiter"])

    key = schema["primaryKey"]
    return {
        "columns": list(frame.columns),
        "dtypes": {name: str(dtype) for name, dtype in frame.dtypes.items()},
        "rows": len(frame),
        "key_unique": bool(frame.set_index(key).index.is_unique and frame[key].notna().all().all()),
        "integer_sums": {f["name"]: int(frame[f["name"]].sum()) for f in schema["fields"] if f["type"] == "integer"},
        "boolean_trues": {f["name"]: int(frame[f["name"]].sum()) for f in schema["fields"] if f["type"] == "boolean"},
    }


print(json.dumps([read(package_path) for package_path in package_paths]))
