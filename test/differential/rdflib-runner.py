"""Runs catalogue queries with Debian's Python rdflib, for the differential test (engines.ts, askRdflib).

Reads {"dump": path to the N-Quads dump, "cases": [{"id", "text", "timeout": seconds, "params":
{name: {"iri"} | {"literal"}}}]} on stdin. Each worker process loads the dump into a Dataset whose default
graph is the union of its named graphs (as on our endpoint) and answers cases with initBindings; a query
still running after its case's "timeout" seconds is stopped (SIGALRM) and answered with a TimeoutError. Writes
[{"id", "json" | "ntriples" | "error"}] on stdout, in the order of the cases.
"""
import json
import signal
import sys
from multiprocessing import Pool

from rdflib import Dataset, Literal, URIRef

request = json.load(sys.stdin)
dataset = None


class QueryTimeout(Exception):
    pass


def on_alarm(signum, frame):
    raise QueryTimeout("still running at its time limit")


def load():
    global dataset
    dataset = Dataset(default_union=True)
    dataset.parse(request["dump"], format="nquads")
    signal.signal(signal.SIGALRM, on_alarm)


def answer(case):
    bindings = {
        name: URIRef(value["iri"]) if "iri" in value else Literal(value["literal"])
        for name, value in case["params"].items()
    }
    signal.alarm(case["timeout"])
    try:
        result = dataset.query(case["text"], initBindings=bindings)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            text = result.serialize(format="nt")
            key = "ntriples"
        else:
            text = result.serialize(format="json")
            key = "json"
        return {"id": case["id"], key: text.decode("utf-8") if isinstance(text, bytes) else text}
    except Exception as error:  # one failing query must not hide the others' answers
        if isinstance(error, QueryTimeout):
            error = QueryTimeout(f"still running after {case['timeout']} s")
        return {"id": case["id"], "error": f"{type(error).__name__}: {error}"}
    finally:
        signal.alarm(0)


if __name__ == "__main__":
    with Pool(2, initializer=load) as pool:
        json.dump(pool.map(answer, request["cases"], chunksize=1), sys.stdout)
