#!/bin/sh
# Writes cert.pem and key.pem (PKCS#8) for localhost and 127.0.0.1 into folder $1, valid for 30 days. Needs openssl.
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$1/key.pem" -out "$1/cert.pem" 2>/dev/null
