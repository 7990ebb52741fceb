#!/bin/sh
# Prints an HS256 token for user $1 named $2, valid for an hour, signed with $AUTH_SECRET, granting the private
# rooms listed in $3 (optional, comma-separated, such as team-red,support-*). Needs openssl.
b64url() { base64 | tr '+/' '-_' | tr -d '=\n'; }
rooms=$(printf '%s' "$3" | sed 's/[^,][^,]*/"&"/g')
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
payload=$(printf '{"sub":"%s","name":"%s","rooms":[%s],"exp":%d}' "$1" "$2" "$rooms" $(( $(date +%s) + 3600 )) | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$AUTH_SECRET" -binary | b64url)
echo "$header.$payload.$signature"
