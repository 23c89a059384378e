# global and nonlocal edge cases.
g = "module"
def read_global():
    return g
def shadow():
    g = "local"
    return g
def write_global():
    global g
    g = "written"
print(read_global(), shadow(), g)
write_global()
print(g)
def outer():
    v = 0
    def inc():
        nonlocal v
        v += 1
        return v
    def read():
        return v
    inc(); inc()
    return read(), inc()
print(outer())
def deep():
    a = 1
    def m():
        def n():
            nonlocal a
            a += 10
            return a
        return n()
    m()
    return a
print(deep())
def declared_not_defined():
    global created_later
    created_later = 5
declared_not_defined()
print(created_later)
def cell_in_loop():
    fs = []
    for i in range(3):
        def f(j=i):
            return j
        fs.append(f)
    return [f() for f in fs]
print(cell_in_loop())
def late_binding():
    fs = [lambda: i for i in range(3)]
    return [f() for f in fs]
print(late_binding())
class C:
    x = 1
    def m(self):
        return x
x = "global x"
print(C().m())
def unbound():
    try:
        print(u)
    except NameError as e:
        print("NameError")
    u = 1
unbound()
def del_local():
    z = 1
    del z
    try:
        z
    except NameError:
        print("deleted")
del_local()
