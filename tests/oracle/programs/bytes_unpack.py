# bytes, bytearray, star-unpacking, del, swapping, augmented targets.
b = b"abc" + bytes([100, 101])
print(b, len(b), b[1], b[1:3], list(b[-2:]))
ba = bytearray(b"xyz")
ba[0] = 65
ba.append(33)
print(ba, bytes(ba), ba.decode())
print("text".encode(), b"\x00\xff".hex() if hasattr(b"", "hex") else "")
head, *mid, tail = range(6)
print(head, mid, tail)
x, y = 1, 2
x, y = y, x
print(x, y)
items = [1, 2, 3, 4]
del items[1:3]
print(items)
obj = {"k": [0, 0]}
obj["k"][1] += 5
print(obj)


class Box:
    v = 1


bx = Box()
bx.v += 10
print(bx.v, Box.v)
