# Nested classes, class attributes vs instance attributes, __str__, __len__, __getitem__.
class Outer:
    class Inner:
        def hello(self):
            return "inner hello"

    label = "outer"

    def make(self):
        return self.Inner()


class Seq:
    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __contains__(self, x):
        return x in self.items

    def __str__(self):
        return "Seq" + str(self.items)

    def __add__(self, other):
        return Seq(*(self.items + other.items))


print(Outer().make().hello(), Outer.label)
s = Seq(1, 2, 3)
print(len(s), s[0], s[-1], 2 in s, 5 in s, str(s), str(s + Seq(4)))
print([x for x in s])
