"""How many statements each workshop raised, asked of the SPARQL endpoint and read into a pandas table.

Run:  python3 endpoint-to-pandas.py [ENDPOINT]
ENDPOINT is a SPARQL endpoint holding the graph; by default the one `asm-kg serve` (or `npm start`) runs on
this computer. Prints the table as CSV: workshop, name, statements.
Needs: pandas and SPARQLWrapper (Debian: python3-pandas python3-sparqlwrapper; or pip install pandas sparqlwrapper).
"""
import sys

import pandas as pd
from SPARQLWrapper import JSON, SPARQLWrapper

ENDPOINT = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/sparql"

# Each statement is raised in one workshop; the workshop has a name (rdfs:label).
QUERY = """
PREFIX asm: <https://w3id.org/asm-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?workshop ?name (COUNT(?statement) AS ?statements)
WHERE {
  ?statement a asm:Statement ;
             asm:raisedIn ?workshop .
  ?workshop rdfs:label ?name .
}
GROUP BY ?workshop ?name
ORDER BY ?workshop
"""

sparql = SPARQLWrapper(ENDPOINT)
sparql.setQuery(QUERY)
sparql.setReturnFormat(JSON)
results = sparql.query().convert()

# The answer is a list of rows ("bindings"); each cell has a "value". One dictionary per row makes a DataFrame.
columns = results["head"]["vars"]
rows = [{name: row[name]["value"] for name in columns} for row in results["results"]["bindings"]]
table = pd.DataFrame(rows, columns=columns)
table["statements"] = table["statements"].astype(int)

print(table.to_csv(index=False), end="")
