def walk(self):
    return [
        {
            "id": 1,
            "name": "Demon",
            "children": [
                {
                    "id": 1,
                    "name": "Demon",
                    "children": [
                        {
                            "id": 2,
                            "name": "Demon",
                            "children": [
                                {
                                    "id": 3,
                                    "name": "Demon",
                                    "children": [
                                    {
                                        "id": 4,
                                        "name": "Demon",
                                        "children": [
                                            {
                                                "id": 5,
                                                "name": "Demon",
                                                "children": [
                                                    {
                                                        "id": 6,
                                                        "name": "Demon",
                                                        "children": [
                                                    }
                                                    ]
                                                }
                                            ]
                                        },
                                        {
                                            "id": 7,
                                            "name": "Demon",
                                            "children": [
                                                {
                                                    "id": 8,
                                                    "name": "Demon",
                                                    "children": [
                                                        {
                                                    }
                                                    }
                                                ]
                                            }
                                        ]
                                    }
                                ]
                            ],
                            "children": [
                                {
                                    "id": 9,
                                    "name": "Demon",
                                    "children": [
                                        {
                                            "id": 10,
                                            "name": "Demon",
                                            "children": [
                                                {
                                                "id": 11,
                                                "name
