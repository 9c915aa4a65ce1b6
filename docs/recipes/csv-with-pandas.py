"""The statements table (statements.csv) in pandas: how many statements of each kind each workshop raised.

Run:  python3 csv-with-pandas.py [CSV]
CSV is a release's statements.csv (a file or its web address); by default the current release's.
Prints CSV: workshop, kind, statements.
Needs: pandas (Debian: python3-pandas; or pip install pandas).

One row per statement. Empty cells are empty (not "NaN"): keep_default_na=False keeps them as text.
The release's datapackage.json (https://w3id.org/asm-kg/dist/packages/0.3.0/datapackage.json) says the type
and meaning of every column.
"""
import sys

import pandas as pd

CSV = sys.argv[1] if len(sys.argv) > 1 else "https://w3id.org/asm-kg/dist/0.3.0/statements.csv"

statements = pd.read_csv(CSV, dtype=str, keep_default_na=False)
table = (statements.groupby(["workshop", "kind"]).size()
         .reset_index(name="statements")
         .sort_values(["workshop", "kind"]))

print(table.to_csv(index=False), end="")
