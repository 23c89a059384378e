# Constant tuples of immediates, bytes and floats are objects in the image's flash when
# frozen (runtime/image.h "Object in flash"): every operation on them must behave as on
# the heap objects a .mpy import builds.
T = (1, 2, 3, -4, 'a', 'bc', None, True, False, 1073741823, -1073741824)
B = b'\x00\x01\xfe\xffhello'
E = ()
print(T, len(T), T[0], T[-1], T[2:5], T.index('a'), T.count(1))
print(B, len(B), B[0], B[-1], B[2:4], B.find(b'll'), B[4:].decode())
print(hash(T) == hash((1, 2, 3, -4, 'a', 'bc', None, True, False, 1073741823, -1073741824)))
print(hash(B) == hash(bytes([0, 1, 254, 255]) + b'hello'), B == bytes(B), B is B)
print('a' in T, 5 in T, b'he' in B, 255 in B, list(T[:3]), list(B[:4]))
print(T + (9,), B + b'!', T * 2 == T + T, B * 2)
print(sorted(T[:4]), max(B), min(T[:4]), sum(T[:4]), tuple(reversed(T[:3])))
d = {T: 1, B: 2, (1, 2): 3}
print(d[T], d[B], d[(1, 2)], (1, 2) in d)
print(isinstance(T, tuple), type(B).__name__, type(T) is tuple, repr(E), E == ())
a, b, c = (7, 8, 9)
print(a + b + c, [x * 2 for x in (1, 2, 3)], bytes(B[:3]), bytearray(B[:2]))
m = memoryview(B)
print(m[0], m[-1], bytes(m[1:3]), len(m))
print(B.hex() if hasattr(B, 'hex') else B, str(B[4:], 'ascii'), B.startswith(b'\x00'))
def f(x=(1, 'two', None)):
    return x
print(f(), f() is f(), T < (1, 2, 4), (1, 2) < T, B > b'\x00', str(T)[:10])
big = (0, 10000000000, 1.5)  # not immediates: built on the heap
print(big, type(big[1]).__name__, (1, (2, 3)), ((1, 2), (3, 4))[1][0])
F = (1.5, -0.0, 1e-07, 3.141592653589793, 2.5e+300, 0.1)  # a tuple of floats: built
print(F, 1.5 + 0.25, -0.0, 1e-07 * 1e7, 3.141592653589793 == 3.141592653589793)
x = 0.1
print(x + 0.2, x * 3, hash(1.5) == hash(1.5), 1.5 in (1.5, 2.5), 2.0 == 2, int(2.75), round(2.675, 2))
print({1.5: 'a'}[1.5], str(1e-07), repr(2.5e+300), 1.25 is 1.25, float('1.25') == 1.25)

# Big int constants: in the image's flash when frozen, and every int operation reads them.
BIG = 2 ** 80 + 12345
NEG = -(2 ** 70) - 1
EDGE = (-(2 ** 62), -(2 ** 62) - 1, 2 ** 62 - 1, 2 ** 62, -(2 ** 30), 2 ** 30, 0xFFFFFFFF)
print("big:", BIG, NEG, BIG + NEG, BIG * 2, BIG // 7, BIG % 1000, -BIG, abs(NEG))
print("bits:", BIG & 0xFFFF, BIG >> 60, BIG ^ NEG, ~NEG, BIG.bit_length() if hasattr(BIG, "bit_length") else 81)
print("compare:", BIG > NEG, BIG == 2 ** 80 + 12345, hash(BIG) == hash(2 ** 80 + 12345), {BIG: 1}[2 ** 80 + 12345])
print("format:", hex(BIG), "%x" % NEG, "{:,}".format(BIG), str(NEG)[:8], BIG.to_bytes(11, "big"))
print("edges:", EDGE, [e + 1 for e in EDGE], [type(e).__name__ for e in EDGE])
print("in a tuple:", (BIG, 1)[0] == BIG, max(BIG, NEG), int(str(BIG)) == BIG, float(NEG))
