import docutils

def doc(thing, title='Python Library Documentation: %s', forceload=0, output=None, is_cli=False):
    """Display text documentation, given an object or a path to an object."""
    doc_obj = docutils.Doc(thing, title, forceload, output)
    doc_obj.output_file_path = output
    with docutils.FileOutputFile(doc_obj.output_file_path, docutils.FileOutputFileFileStyle.OutputFileFileStyle_None, docutils.FileOutputFileFileStyle.None) as output_file:
        output_file.write(doc_obj.output_file_path)
    return doc_obj

def main():
    doc_obj = None
    doc_obj = doc(
        "Python 3.7.0, 10.13.0-11.2, Ubuntu 14.04, 10.13.0-11.2, 2019-12-24, 11.10.2, 10.13.0-11.2, 2019-12-24, 11.10.2, 10.13.0-11.2, 2019-1
