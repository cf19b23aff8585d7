"""What people and machines see: rich renderables and JSON payloads, one module per command.

Each module turns a command's result into a table for people (``*_table``) and a payload
with a schema version for machines (``*_json``); nothing else in transflow prints.
"""
