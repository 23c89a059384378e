# Special methods through the class machinery: operators, reflected ops, containers, bool
class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        return V(self.x + (o.x if isinstance(o, V) else o))
    def __radd__(self, o):
        return V(o + self.x)
    def __eq__(self, o):
        return isinstance(o, V) and o.x == self.x
    def __lt__(self, o):
        return self.x < o.x
    def __repr__(self):
        return "V(%d)" % self.x
    def __len__(self):
        return self.x
    def __getitem__(self, i):
        if i >= self.x:
            raise IndexError
        return i * 10
print(V(1) + V(2), 5 + V(1), V(3) == V(3), V(1) < V(2), sorted([V(3), V(1), V(2)]))
print(bool(V(0)), len(V(4)), list(V(3)), 20 in V(3))
class E(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code
try:
    raise E(7)
except Exception as e:
    print(type(e).__name__, e, e.code, e.args)
