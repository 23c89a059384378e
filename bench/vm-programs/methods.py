# Method calls: instance methods, attributes, inheritance, super()
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def add(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def norm1(self):
        return abs(self.x) + abs(self.y)
class Vec3(Vec):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z
    def norm1(self):
        return Vec.norm1(self) + abs(self.z)
def run(n):
    v = Vec(0, 0)
    w = Vec(1, -2)
    t = 0
    for i in range(n):
        v = v.add(w)
        t += v.norm1()
        if i % 8 == 0:
            t += Vec3(i, -i, 1).norm1()
    return t
print(run(5000))
