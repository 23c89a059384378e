# subclasses of list, dict, str, int and tuple: native methods, slots and own methods
class L(list):
    def total(self):
        return sum(self)
l = L([1, 2, 3])
l.append(4)
print(l, len(l), l.total(), l[1:], isinstance(l, list))
class D(dict):
    def __missing__(self, k):
        return 0
d = D(a=1)
d["b"] = 2
print(sorted(d.items()), len(d), d.get("a"), "a" in d)
class S(str):
    def shout(self):
        return self.upper() + "!"
s = S("hi")
print(s, s.shout(), len(s), s + "x", isinstance(s, str))
class I(int):
    def double(self):
        return self * 2
i = I(21)
print(i, i.double(), i + 1, isinstance(i, int))
class T(tuple):
    pass
t = T((1, 2))
print(t, len(t), t[0])
class Counter(dict):
    def add(self, k):
        self[k] = self.get(k, 0) + 1
c = Counter()
for ch in "hello":
    c.add(ch)
print(sorted(c.items()))
class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
st = Stack()
st.push(1); st.push(2)
print(st.peek(), st.pop(), st)
