# Classes: inheritance, super(), properties, class/static methods, dunders.
class Shape:
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    def area(self):
        return 0

    def describe(self):
        return "%s with area %d" % (self.name, self.area())

    @classmethod
    def made(cls):
        return cls.count

    @staticmethod
    def unit():
        return "cm"


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self._w = w
        self.h = h

    @property
    def w(self):
        return self._w

    @w.setter
    def w(self, v):
        self._w = v

    def area(self):
        return self.w * self.h

    def __eq__(self, other):
        return self.area() == other.area()

    def __lt__(self, other):
        return self.area() < other.area()

    def __repr__(self):
        return "Rect(%d, %d)" % (self._w, self.h)


class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "square"


r = Rect(2, 3)
s = Square(3)
print(r.describe(), s.describe())
r.w = 5
print(r.area(), r, Shape.made(), Square.unit())
print(sorted([Square(4), Rect(1, 1), r]))
print(Rect(2, 2) == Square(2), isinstance(s, Shape), issubclass(Square, Rect))
print(type(s).__name__, hasattr(s, "h"), getattr(s, "zz", "none"))
