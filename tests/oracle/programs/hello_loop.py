# The smallest useful program: a function, a loop, arithmetic and print.
def square(n):
    return n * n


total = 0
for i in range(10):
    total += square(i)
print("hello", total)
print(square(12), -square(3), 7 // 2, 7 % 3)
