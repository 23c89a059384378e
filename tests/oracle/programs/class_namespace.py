# A class holds its namespace dict inside its type object, and the class body runs in
# that very dict; native bases are found through the bases, not stored.


class D:
    ns = locals()
    x = 1


D.w = 2
print("body locals are the class dict:", "w" in D.ns, sorted(k for k in D.ns if not k.startswith("__")))
D.x += 10
del D.w
print("class attributes:", D.x, hasattr(D, "w"), D().x)

C = type("C", (), {"a": 1, "f": lambda self: self.a + 1})
print("type() with a dict:", C.a, C().f(), C.__name__)


class L(list):
    def total(self):
        return sum(self)


class E(ValueError):
    pass


class Mixin:
    def hello(self):
        return "hi"


class ML(Mixin, list):
    pass


class Deep(ML):
    pass


l = L([1, 2, 3])
l.append(4)
print("list subclass:", l.total(), len(l), isinstance(l, list))
m = Deep([5, 6])
print("native base through the bases:", m.hello(), len(m), m[1], isinstance(m, list))
try:
    raise E("bad")
except ValueError as e:
    print("exception subclass:", type(e).__name__, e.args)


class Named:
    def __set_name__(self, owner, name):
        self.where = owner.__name__ + "." + name


class Owner:
    field = Named()


print("__set_name__:", Owner.field.where)


class Counter:
    count = 0

    def __init__(self):
        Counter.count += 1


for i in range(3):
    Counter()
print("a class attribute changed by instances:", Counter.count)
