# struct, json and binascii
import struct, json, binascii
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
print(struct.calcsize("<BHI"), struct.calcsize(">q"), struct.calcsize("<3B2s"), struct.calcsize("<e"), struct.calcsize("BHI"))
print(struct.pack("<BHI", 1, 2, 3), struct.pack(">hl", -1, -100), struct.pack("<q", -2), struct.pack(">Q", 2 ** 63))
print(struct.pack("<fd", 1.5, -2.0), struct.pack("<5s", b"ab"), struct.pack("<2s", b"abcd"), struct.pack("<e", 0.5))
print(struct.pack("<B", 256), struct.pack("<BB", 1), struct.pack("<B", 1, 2), struct.pack("BH", 1, 2), struct.pack("<2x"))
print(struct.unpack("<H", b"\x34\x12"), struct.unpack(">bB", b"\x80\x80"), struct.unpack("<fd", struct.pack("<fd", 0.75, -1.25)))
print(struct.unpack("<3sI", b"abc\x01\x00\x00\x00"), struct.unpack_from("<H", b"\x00\x01\x02", 1), struct.unpack_from("<H", b"\x01\x02\x03", -2))
print(struct.unpack("<Q", b"\xff" * 8), struct.unpack("<q", b"\xff" * 8), struct.unpack("<e", b"\x00\x3c"))
buf = bytearray(6)
struct.pack_into("<HI", buf, 0, 0xABCD, 7)
print(buf)
t(lambda: struct.unpack("<I", b"\x00"))
t(lambda: struct.pack("<Z", 1))
t(lambda: struct.pack_into("<I", bytearray(2), 0, 1))
print(json.dumps(1), json.dumps(-2.5), json.dumps("t\"x\\\n\t\x01"), json.dumps(True), json.dumps(None), json.dumps([]))
print(json.dumps([1, "two", None, False, [3.5], (4, 5)]), json.dumps({"k": {"n": [1, {}]}}), json.dumps({5: "x"}))
print(json.dumps(2 ** 70), json.dumps(b"ab"), json.dumps([1, 2], separators=(",", ":")), json.dumps({"a": 1, "b": 2}, separators=(";", "=")))
print(json.loads("123"), json.loads("-4.5"), json.loads('"s\\u0041\\n"'), json.loads("true"), json.loads("null"), json.loads(" [1 , [2, {}] ] "))
print(json.loads('{"a": [1, 2], "b": {"c": false}}'), json.loads("1e3"), json.loads("12345678901234567890"), json.loads(b"[1]"))
for bad in ["[1, 2", "{'a': 1}", "tru", "", "1 2", '"abc', "[1,]x"]:
    t(lambda: json.loads(bad))
print(binascii.hexlify(b"\x01\xfe"), binascii.hexlify(b"ab", "-"), binascii.unhexlify(b"4142"), binascii.unhexlify("6162"))
print(binascii.b2a_base64(b"foobar"), binascii.b2a_base64(b"f"), binascii.b2a_base64(b"fo", newline=False), binascii.a2b_base64(b"Zm9vYg=="))
print(binascii.crc32(b"hello"), binascii.crc32(b"world", binascii.crc32(b"hello ")), binascii.crc32(b""))
