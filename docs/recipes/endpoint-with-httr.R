# How many statements each workshop raised, asked of the SPARQL endpoint from R with httr and jsonlite.
#
# Run:  Rscript endpoint-with-httr.R [ENDPOINT]
# ENDPOINT is a SPARQL endpoint holding the graph; by default the one `asm-kg serve` (or `npm start`) runs on
# this computer. Prints CSV: workshop, name, statements.
# Needs: httr and jsonlite (Debian: r-cran-httr r-cran-jsonlite; or install.packages(c("httr", "jsonlite"))).
library(httr)
library(jsonlite)

args <- commandArgs(trailingOnly = TRUE)
endpoint <- if (length(args) >= 1) args[1] else "http://127.0.0.1:8080/sparql"

query <- "
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
"

# The query goes in the body of a POST; the Accept header asks for the SPARQL JSON results format.
response <- POST(endpoint, body = list(query = query), encode = "form",
                 add_headers(Accept = "application/sparql-results+json"))
stop_for_status(response)
results <- fromJSON(content(response, as = "text", encoding = "UTF-8"))

# Each column of the bindings is a data frame with a "value"; keep the values.
bindings <- results$results$bindings
table <- data.frame(
  workshop = bindings$workshop$value,
  name = bindings$name$value,
  statements = as.integer(bindings$statements$value)
)

write.csv(table, stdout(), row.names = FALSE)
