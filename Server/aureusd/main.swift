print("aureusd")
