def get_event_loop_policy():
    return {
        'event_loop_policy_list': [
            {
                'event_loop_policy_name': 'event_loop_policy_list_name',
                'event_loop_policy_description': 'event_loop_policy_description',
                'event_loop_policy_description_list': [
                    {
                        'event_loop_policy_name': 'event_loop_policy_list_name',
                        'event_loop_policy_description': 'event_loop_policy_description',
                        'event_loop_policy_description_list': [
                            {
                                'event_loop_policy_name': 'event_loop_policy_list_name',
                                'event_loop_policy_description': 'event_loop_policy_description',
                                'event_loop_policy_description_list': [
                                    {
                                        'event_loop_policy_name': 'event_loop_policy_list_name',
                                        'event_loop_policy_description': 'event_loop_policy_description',
                                        'event_loop_policy_description_list': [
                                            {
                                                'event_loop_policy_name': 'event_loop_policy_list_name',
                                                'event_loop_policy_description': 'event_loop_policy_description',
                                                'event_loop_policy_description_list':
