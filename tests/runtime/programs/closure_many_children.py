# A function with more than 256 children whose closure comes after the 256th: the loader's
# stack check must read MAKE_CLOSURE's cell count from its extra byte alone (a child index
# >= 256 once mixed into it and the valid .mpy was refused as corrupt).
def make():
    fs = [
        lambda: 0, lambda: 1, lambda: 2, lambda: 3, lambda: 4, lambda: 5, lambda: 6, lambda: 7, lambda: 8, lambda: 9, lambda: 10, lambda: 11, lambda: 12, lambda: 13, lambda: 14, lambda: 15,
        lambda: 16, lambda: 17, lambda: 18, lambda: 19, lambda: 20, lambda: 21, lambda: 22, lambda: 23, lambda: 24, lambda: 25, lambda: 26, lambda: 27, lambda: 28, lambda: 29, lambda: 30, lambda: 31,
        lambda: 32, lambda: 33, lambda: 34, lambda: 35, lambda: 36, lambda: 37, lambda: 38, lambda: 39, lambda: 40, lambda: 41, lambda: 42, lambda: 43, lambda: 44, lambda: 45, lambda: 46, lambda: 47,
        lambda: 48, lambda: 49, lambda: 50, lambda: 51, lambda: 52, lambda: 53, lambda: 54, lambda: 55, lambda: 56, lambda: 57, lambda: 58, lambda: 59, lambda: 60, lambda: 61, lambda: 62, lambda: 63,
        lambda: 64, lambda: 65, lambda: 66, lambda: 67, lambda: 68, lambda: 69, lambda: 70, lambda: 71, lambda: 72, lambda: 73, lambda: 74, lambda: 75, lambda: 76, lambda: 77, lambda: 78, lambda: 79,
        lambda: 80, lambda: 81, lambda: 82, lambda: 83, lambda: 84, lambda: 85, lambda: 86, lambda: 87, lambda: 88, lambda: 89, lambda: 90, lambda: 91, lambda: 92, lambda: 93, lambda: 94, lambda: 95,
        lambda: 96, lambda: 97, lambda: 98, lambda: 99, lambda: 100, lambda: 101, lambda: 102, lambda: 103, lambda: 104, lambda: 105, lambda: 106, lambda: 107, lambda: 108, lambda: 109, lambda: 110, lambda: 111,
        lambda: 112, lambda: 113, lambda: 114, lambda: 115, lambda: 116, lambda: 117, lambda: 118, lambda: 119, lambda: 120, lambda: 121, lambda: 122, lambda: 123, lambda: 124, lambda: 125, lambda: 126, lambda: 127,
        lambda: 128, lambda: 129, lambda: 130, lambda: 131, lambda: 132, lambda: 133, lambda: 134, lambda: 135, lambda: 136, lambda: 137, lambda: 138, lambda: 139, lambda: 140, lambda: 141, lambda: 142, lambda: 143,
        lambda: 144, lambda: 145, lambda: 146, lambda: 147, lambda: 148, lambda: 149, lambda: 150, lambda: 151, lambda: 152, lambda: 153, lambda: 154, lambda: 155, lambda: 156, lambda: 157, lambda: 158, lambda: 159,
        lambda: 160, lambda: 161, lambda: 162, lambda: 163, lambda: 164, lambda: 165, lambda: 166, lambda: 167, lambda: 168, lambda: 169, lambda: 170, lambda: 171, lambda: 172, lambda: 173, lambda: 174, lambda: 175,
        lambda: 176, lambda: 177, lambda: 178, lambda: 179, lambda: 180, lambda: 181, lambda: 182, lambda: 183, lambda: 184, lambda: 185, lambda: 186, lambda: 187, lambda: 188, lambda: 189, lambda: 190, lambda: 191,
        lambda: 192, lambda: 193, lambda: 194, lambda: 195, lambda: 196, lambda: 197, lambda: 198, lambda: 199, lambda: 200, lambda: 201, lambda: 202, lambda: 203, lambda: 204, lambda: 205, lambda: 206, lambda: 207,
        lambda: 208, lambda: 209, lambda: 210, lambda: 211, lambda: 212, lambda: 213, lambda: 214, lambda: 215, lambda: 216, lambda: 217, lambda: 218, lambda: 219, lambda: 220, lambda: 221, lambda: 222, lambda: 223,
        lambda: 224, lambda: 225, lambda: 226, lambda: 227, lambda: 228, lambda: 229, lambda: 230, lambda: 231, lambda: 232, lambda: 233, lambda: 234, lambda: 235, lambda: 236, lambda: 237, lambda: 238, lambda: 239,
        lambda: 240, lambda: 241, lambda: 242, lambda: 243, lambda: 244, lambda: 245, lambda: 246, lambda: 247, lambda: 248, lambda: 249, lambda: 250, lambda: 251, lambda: 252, lambda: 253, lambda: 254, lambda: 255,
    ]
    a = 3
    b = 4

    def add():
        return a + b

    def both(x):
        nonlocal a
        a += x
        return a * b

    for k in range(2):
        try:
            pass
        finally:
            for j in [1, 2]:
                g = lambda: a - b + j
    return fs, add, both, g


fs, add, both, g = make()
print(len(fs), fs[0](), fs[255]())
print(add(), both(2), add(), g())
