# hello.py: the freeze demo: a greeting, then a value computed by a loop and a function.


def square(n):
    return n * n


def sum_of_squares(limit):
    total = 0
    for i in range(limit):
        total = total + square(i)
    return total


print("Hello from freeze!")
print("The squares of 0 to", 9, "add up to", sum_of_squares(10))
