#!/bin/sh
# Prints an HS256 token for user $1 named $2, valid for an hour, signed with $AUTH_SECRET. Needs openssl.
b64url() { base64 | tr '+/' '-_' | tr -d '=\n'; }
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
payload=$(printf '{"sub":"%s","name":"%s","exp":%d}' "$1" "$2" $(( $(date +%s) + 3600 )) | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$AUTH_SECRET" -binary | b64url)
echo "$header.$payload.$signature"
