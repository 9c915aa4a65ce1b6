"""Reads a release's statements.csv into pandas with the types its Frictionless data package declares.

Usage: read-datapackage.py DATAPACKAGE_JSON IRI_PREFIX LOCAL_FOLDER
The package names the CSV by its absolute IRI; a path under IRI_PREFIX is read from LOCAL_FOLDER instead
(the test has no network). Prints, as JSON, each column's pandas dtype, the row count, whether the primary
key is unique and present, and the values of the integer and boolean columns' sums, to check they were read.
"""
import json
import sys

import pandas as pd

package_path, iri_prefix, local_folder = sys.argv[1:4]
package = json.load(open(package_path, encoding="utf-8"))
(resource,) = package["resources"]
schema = resource["schema"]

# Table Schema types -> pandas dtypes. A list cell stays a string here; it is split below on its delimiter.
DTYPES = {"string": "string", "integer": "Int64", "boolean": "boolean", "list": "string"}
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
print(json.dumps({
    "columns": list(frame.columns),
    "dtypes": {name: str(dtype) for name, dtype in frame.dtypes.items()},
    "rows": len(frame),
    "key_unique": bool(frame.set_index(key).index.is_unique and frame[key].notna().all().all()),
    "integer_sums": {f["name"]: int(frame[f["name"]].sum()) for f in schema["fields"] if f["type"] == "integer"},
    "boolean_trues": {f["name"]: int(frame[f["name"]].sum()) for f in schema["fields"] if f["type"] == "boolean"},
}))
