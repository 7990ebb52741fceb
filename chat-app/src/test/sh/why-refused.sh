#!/bin/sh
# Asks for a WebSocket upgrade as a client would and prints the server's answer: its status line, headers and, when
# the upgrade is refused, the JSON that says why (wscat shows only "Unexpected server response: 401"). $1 is the
# /ws address with its query, such as "http://localhost:8080/ws?token=$TOKEN". An accepted upgrade prints 101 and
# is closed after two seconds.
curl -si --max-time 2 "$1" -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \
    -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='
