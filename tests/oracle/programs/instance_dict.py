# An instance's attributes, and its __dict__: a copy that does not write through, and that
# a store into raises TypeError (MicroPython's); subclasses of builtins keep both parts.
class A:
    def __init__(self):
        self.x = 1
        self.y = 2
a = A()
d = a.__dict__
print(sorted(d.items()), len(d), 'x' in d)
try:
    d['z'] = 3
    print('written')
except TypeError:
    print('read-only')
print(hasattr(a, 'z'))
a.w = 4
print(sorted(d.items()), sorted(a.__dict__.items()))
del a.x
print(sorted(a.__dict__.items()), hasattr(a, 'x'))
class Many:
    pass
m = Many()
for i in range(40):
    setattr(m, 'a%d' % i, i)
md = m.__dict__
print(len(md), md['a0'], md['a39'], sum(md.values()))
class L(list):
    def __init__(self):
        super().__init__()
        self.tag = 't'
l = L()
l.append(5)
print(l, l.tag, len(l), sorted(l.__dict__.items()))
class E(Exception):
    pass
try:
    raise E('boom')
except E as e:
    e.code = 7
    print(e, e.code, e.args)
