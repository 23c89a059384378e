# Integers past the small-int range, floats, mixed arithmetic.
a = 2 ** 100
b = 3 ** 50
print(a, b, a * b, a // b, a % b)
print(-a >> 3, a << 5, a & (b - 1), a | 12345, a ^ b)
print(1 << 62, (1 << 31) - 1, -(1 << 63))
print(int("123456789012345678901234567890") + 1)
print(hex(a), bin(255), oct(64), int("ff", 16), int("-0b101", 0))
print(7 / 2, 7.5 // 2, -7 // 2, -7 % 3, divmod(-17, 5))
print(abs(-3.5), round(2.675, 2), round(7.5), float("1e3"), 0.1 + 0.2)
print(max(3, 9, 2), min([4, 1, 7]), pow(3, 4), pow(3, 4, 5))
x = 10
x *= 3
x -= 4
x //= 3
print(x, x ** 2, 1e100 > a)
