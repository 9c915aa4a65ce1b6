# The statements table (statements.csv) in R: how many statements of each kind each workshop raised.
#
# Run:  Rscript csv-with-read-csv.R [CSV]
# CSV is a release's statements.csv (a file or its web address); by default the current release's.
# Prints CSV: workshop, kind, statements.
# Needs: nothing beyond R itself.
args <- commandArgs(trailingOnly = TRUE)
csv <- if (length(args) >= 1) args[1] else "https://w3id.org/asm-kg/dist/0.3.0/statements.csv"

# colClasses = "character" keeps every cell as text (the workshop "1" stays "1", an empty cell stays "").
statements <- read.csv(csv, colClasses = "character", encoding = "UTF-8", na.strings = character(0))

table <- aggregate(iri ~ workshop + kind, data = statements, FUN = length)
names(table)[3] <- "statements"
table <- table[order(table$workshop, table$kind), ]

write.csv(table, stdout(), row.names = FALSE)
