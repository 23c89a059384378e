# Comprehensions inside class bodies see the class's names only in the first iterable.
class K:
    base = [1, 2, 3]
    doubled = [v * 2 for v in base]
    n = 10
    pairs = [(a, b) for a in base for b in range(2)]
    gen_sum = sum(v for v in base)
    setc = sorted({v % 2 for v in base})
    try:
        bad = [v + n for v in base]
    except NameError:
        bad = "NameError"
    def method(self):
        return [x + 1 for x in self.base]
print(K.doubled, K.pairs, K.gen_sum, K.setc, K.bad, K().method())
class L:
    items = "abc"
    d = {c: i for i, c in enumerate(items)}
    print(d["b"], len(d))
def f():
    class Inner:
        vals = [i * i for i in range(4)]
        total = sum(vals)
    return Inner.total
print(f())
