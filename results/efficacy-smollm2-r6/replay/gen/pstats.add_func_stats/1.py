def add_func_stats(target, source):
    """Add together all the stats for two profile entries."""
    return {
        "profile_stats": [
            {
                "name": "profile_stats",
                "value": target,
                "stats": [
                    {
                        "name": "stats_stats",
                        "value": target,
                        "stats": [
                            {
                                "name": "stats_stats_stats",
                                "value": target,
                                "stats": [
                                    {
                                        "name": "stats_stats_stats_stats_stats",
                                        "value": target,
                                        "stats": [
                                            {
                                                "name": "stats_stats_stats_stats_stats_stats_stats",
                                                "value": target,
                                                "stats": [
                                                    {
                                                        "name": "stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats_stats
