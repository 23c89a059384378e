from app import greeting
from app.sensors import read_all

print(greeting("product"))
print(read_all())
