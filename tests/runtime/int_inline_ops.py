# Small-int arithmetic the VM does inline (*, //, %, &, |, ^, >>, their in-place forms) against
# the general path, at the edges: negative operands, zero and negative divisors, products
# past the small-int range, shifts past the word.
vals = [-1073741824, -1000003, -7, -6, -2, -1, 0, 1, 2, 3, 7, 64, 1000003, 1073741823]
out = []
for a in vals:
    for b in vals:
        r = [a * b, a & b, a | b, a ^ b]
        if b != 0:
            r += [a // b, a % b]
        if 0 <= b < 100:
            r.append(a >> b)
        x = a
        x *= b
        y = a
        if b:
            y //= b
        z = a
        if b:
            z %= b
        out.append((r, x, y, z))
print(len(str(out)), str(out)[:200])
import sys
s = 0
for item in out:
    for v in item[0]:
        s = (s * 31 + v) % 1000000007
    s = (s * 31 + item[1] + item[2] + item[3]) % 1000000007
print(s)
try:
    print(5 // 0)
except ZeroDivisionError as e:
    print("zde", e)
try:
    print(5 % 0)
except ZeroDivisionError as e:
    print("zde", e)
print(-5 >> 100, 5 >> 63, (-1) >> 1)
