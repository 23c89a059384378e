# bytes, bytearray and memoryview: construction, methods, mutation, buffers
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
b = b"hello world"
print(b, len(b), b[0], b[-1], b[1:4], b[:0], list(b[:3]), b + b"!", b * 2, 2 * b"ab")
print(bytes(3), bytes([65, 66]), bytes(range(3)), bytes("hé", "utf-8"), bytes(b"x"), bytes(bytearray(b"y")))
print(b.find(b"o"), b.rfind(b"o"), b.index(b"w"), b.count(b"l"), b.replace(b"l", b"L"), b.upper(), b.split())
print(b.split(b"o"), b.partition(b" "), b.strip(b"hd"), b.startswith(b"he"), b.endswith(b"ld"), b"-".join([b"a", b"b"]))
print(b"ab" < b"b", b"ab" == b"ab", b"ab" == "ab", b"" < b"\x00", 104 in b, b"ll" in b, b"abc".hex(), bytes.fromhex("4142 43"))
print(b"a\x00\xff'\"\\\n".decode("utf-8", "ignore") if False else repr(b"a\x00\xff'\"\\\n\t"))
print(b"%s" if False else b"x", b"abc".isalpha(), b"12".isdigit(), b" ".isspace(), b"\xc3\xa9".decode())
t(lambda: b[0].x)
t(lambda: bytes([256]))
t(lambda: bytes("x"))
t(lambda: b"abc"[5])
t(lambda: b"abc"[::2])
t(lambda: bytes.fromhex("zz"))
ba = bytearray(b"hello")
ba[0] = 72
ba.append(33)
ba.extend(b"??")
ba += b"!"
print(ba, len(ba), ba[1:3], bytes(ba), ba.decode(), ba.find(b"l"), ba.upper())
ba[1:3] = b"EY"
ba[0:0] = b">>"
ba[0:1] = b""
ba[-2:] = b""
print(ba, bytearray(3), bytearray([1, 2]) + b"\x03", bytearray("ab", "utf-8"))
def store(o, i, v):
    o[i] = v
t(lambda: store(ba, 0, 256))
mv = memoryview(ba)
mv[0] = ord("<")
part = mv[1:4]
part[0] = ord("-")
print(ba, len(mv), mv[0], bytes(mv[1:3]), list(part), bytes(part), sum(memoryview(b"\x01\x02")))
ro = memoryview(b"readonly")
print(bytes(ro[4:]), ro[0], [x for x in ro[:2]])
t(lambda: store(ro, 0, 1))
