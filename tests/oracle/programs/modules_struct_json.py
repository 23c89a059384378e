# Built-in modules: struct, json, math, sys, collections.
import struct
import json
import math
from collections import namedtuple, OrderedDict

packed = struct.pack("<HIb", 513, 70000, -3)
print(packed, struct.unpack("<HIb", packed), struct.calcsize(">iq"))
doc = json.loads('{"a": [1, 2.5, "x"], "b": null, "c": true}')
print(sorted(doc), doc["a"], doc["b"], doc["c"])
print(json.dumps([1, "two", None, False]))
print(math.sqrt(16), math.floor(-2.5), math.ceil(2.1), math.pi > 3.14)
Point = namedtuple("Point", ("x", "y"))
p = Point(3, 4)
print(p, p.x + p.y, p[0])
od = OrderedDict()
od["z"] = 1
od["a"] = 2
print(list(od.keys()))
