def print_list(extracted_list, file=None):
    try:
        with open(file, "r+") as file:
            extracted_list = list(extracted_list)
            with open(file, "r+") as file:
                stack_trace = []
                for line in file:
                    stack_trace.append(line.rstrip())
                with open(file, "a+", newline="") as f:
                    f.write(f"List of tuples: {', '.join(stack_trace)}\n")
                print(f"List of tuples: {', '.join(stack_trace)}")
                print(f"List of tuples: {', '.join(stack_trace)}")
    except Exception as e:
        print(f"Error: {e}")

# Example usage
print_list(extracted_list, "output.txt")
