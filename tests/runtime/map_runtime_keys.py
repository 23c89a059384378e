# A key made at run time (a str that is not yet a name) in a namespace or dict, found
# later by a name equal to it: maps that hold such a key compare by value, not identity.
import sys
s = "dyn" + "amic_name_xyz"
globals()[s] = 42
m = sys.modules[__name__]
print(getattr(m, "dyn" + "amic_name_xyz"), hasattr(m, "dynamic_name_xyz"))
d = {}
k = "run" + "time_key_abc"
d[k] = 5
print(d.get("runtime_key_abc"), d["run" + "time_key_abc"], "runtime_key_abc" in d)
def f(ab=0, **kw):
    return ab, sorted(kw)
print(f(**{"a" + "b": 1, "c" + "d": 2}))
print(sorted([3, 1, 2], **{"rev" + "erse": True}))
