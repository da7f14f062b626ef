def parse229(resp, peer):
    """Parse the '229' response for an EPSV request."""
    try:
        return (
            {
                "host.address": "localhost",
                "port": 23,
                "port_port_number": 23,
                "port_port_type": "port",
                "port_port_value": "12345",
                "port_port_value": "12345",
                "port_port_value_1234567890": "1234567890",
                "port_port_value_12345678910": "12345678910",
                "port_port_value_123456789110": "1234567891110",
                "port_port_value_123456789120": "123456789120",
                "port_port_value_123456789130": "1234567891310",
                "port_port_value_123456789140": "
