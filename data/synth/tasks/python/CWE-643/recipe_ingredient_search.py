import xml.etree.ElementTree as ET

def search_recipes(cookbook):
    '''
    Interactive helper for the kitchen terminal. cookbook is the parsed
    root element of the recipe collection. Ask the cook for an ingredient
    and print the name of every <recipe> that has an <ingredient> child
    with exactly that text.
    '''
    ingredient = input('Ingredient: ').strip()
    for recipe in cookbook.iterfind(