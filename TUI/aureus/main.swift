print("aureus")
