import json

def dumps(value, *, fmt=FMT_XML, skipkeys=False, sort_keys=True):
    def _json_to_bytes(json_obj):
        return json.dumps(json_obj, indent=4, default_json_to_default_cache=True)
    def _json_to_bytes_list(json_obj):
        return [_json_to_bytes(json.dumps(value)) for value in json_obj]
    def _json_to_bytes_list_dict(json_obj):
        return [_json_to_bytes_list(json_obj) for value in json_obj]

    def _json_to_bytes_list_dict(json_obj):
        return [_json_to_bytes_list_dict(json_obj) for value in json_obj]

    def _json_to_bytes_list_dict_xml(json_obj):
        return [_json_to_bytes_list_dict_xml(json_obj) for value in json_obj]

    def _json_to_bytes_list_dict_xml(json_obj):
        return [_json_to_bytes_list_dict_xml(json_obj) for value in json_obj]

    def _json_to_bytes_list_dict_xml_csv(json
