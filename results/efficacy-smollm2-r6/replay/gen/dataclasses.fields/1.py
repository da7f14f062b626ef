def fields(class_or_instance):
    return (
        (
            f"Fields of {class_or_instance.__name__} are {type(class_or_instance).__name__} ({type(class_or_instance).__dict__})",
        )
    )
