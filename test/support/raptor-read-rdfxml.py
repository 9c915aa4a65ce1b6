"""
Reads RDF/XML files with Raptor, the library `rapper` runs (libraptor2), in one process. For each file named
in the list given as its argument (one path a line) it writes <file>.rapper.nt, the N-Triples that
`rapper -i rdfxml -o ntriples FILE http://base.invalid/` writes, and prints one JSON line: the warnings and
errors Raptor reported for that file (an empty list when none). A rapper process per file spends some 35 ms
of CPU starting (it links some forty libraries), most of the work for two thousand small files; here the
library is loaded once and a fresh parser, with rapper's defaults, reads each file.
"""
import ctypes
import json
import sys

raptor = ctypes.CDLL('libraptor2.so.0')


class Locator(ctypes.Structure):
    _fields_ = [('uri', ctypes.c_void_p), ('file', ctypes.c_char_p), ('line', ctypes.c_int), ('column', ctypes.c_int), ('byte', ctypes.c_int)]


class LogMessage(ctypes.Structure):
    _fields_ = [('code', ctypes.c_int), ('domain', ctypes.c_int), ('level', ctypes.c_int), ('locator', ctypes.POINTER(Locator)), ('text', ctypes.c_char_p)]


LOG_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(LogMessage))
LEVELS = {4: 'Warning', 5: 'Error', 6: 'Fatal error'}  # raptor_log_level: NONE, TRACE, DEBUG, INFO, WARN, ERROR, FATAL

for name, restype, argtypes in [
    ('raptor_new_world_internal', ctypes.c_void_p, [ctypes.c_uint]),
    ('raptor_world_open', ctypes.c_int, [ctypes.c_void_p]),
    ('raptor_world_set_log_handler', ctypes.c_int, [ctypes.c_void_p, ctypes.c_void_p, LOG_HANDLER]),
    ('raptor_new_parser', ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_char_p]),
    ('raptor_free_parser', None, [ctypes.c_void_p]),
    ('raptor_new_serializer', ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_char_p]),
    ('raptor_free_serializer', None, [ctypes.c_void_p]),
    ('raptor_serializer_start_to_filename', ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p]),
    ('raptor_serializer_serialize_end', ctypes.c_int, [ctypes.c_void_p]),
    ('raptor_parser_set_statement_handler', None, [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]),
    ('raptor_parser_parse_file', ctypes.c_int, [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]),
    ('raptor_uri_filename_to_uri_string', ctypes.c_void_p, [ctypes.c_char_p]),
    ('raptor_new_uri', ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_void_p]),
    ('raptor_free_uri', None, [ctypes.c_void_p]),
    ('raptor_free_memory', None, [ctypes.c_void_p]),
]:
    function = getattr(raptor, name)
    function.restype, function.argtypes = restype, argtypes

# raptor_new_world() is a macro over raptor_new_world_internal(RAPTOR_VERSION); 20014 is Raptor 2.0.14's, and
# the library checks only that it is a 2.x version.
world = raptor.raptor_new_world_internal(20014)
if not world or raptor.raptor_world_open(world) != 0:
    sys.exit('raptor-read-rdfxml: libraptor2 would not open a world')

messages = []


@LOG_HANDLER
def on_log(_user_data, message):
    m = message.contents
    if m.level >= 4:
        where = f' line {m.locator.contents.line}' if m.locator and m.locator.contents.line >= 0 else ''
        messages.append(f"{LEVELS.get(m.level, 'level %d' % m.level)}{where} - {(m.text or b'').decode('utf-8', 'replace')}")


raptor.raptor_world_set_log_handler(world, None, on_log)
# The statement handler is raptor_serializer_serialize_statement itself: statements go from the parser to
# the serializer inside the library, as in rapper.
serialize_statement = ctypes.cast(raptor.raptor_serializer_serialize_statement, ctypes.c_void_p)
base = raptor.raptor_new_uri(world, ctypes.c_char_p(b'http://base.invalid/'))

for line in open(sys.argv[1], encoding='utf-8'):
    path = line.rstrip('\n')
    if path == '':
        continue
    messages = []
    parser = raptor.raptor_new_parser(world, b'rdfxml')
    serializer = raptor.raptor_new_serializer(world, b'ntriples')
    uri_string = raptor.raptor_uri_filename_to_uri_string(path.encode())
    uri = raptor.raptor_new_uri(world, uri_string)
    raptor.raptor_serializer_start_to_filename(serializer, f'{path}.rapper.nt'.encode())
    raptor.raptor_parser_set_statement_handler(parser, serializer, serialize_statement)
    failed = raptor.raptor_parser_parse_file(parser, uri, base)
    raptor.raptor_serializer_serialize_end(serializer)
    if failed and not any(m.startswith(('Error', 'Fatal')) for m in messages):
        messages.append('Error - the parser failed without a message')
    raptor.raptor_free_serializer(serializer)
    raptor.raptor_free_parser(parser)
    raptor.raptor_free_uri(uri)
    raptor.raptor_free_memory(uri_string)
    print(json.dumps(messages), flush=False)
sys.stdout.flush()
