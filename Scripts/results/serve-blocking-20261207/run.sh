#!/usr/bin/env bash
# Two t-SNE topic maps requested at once, on a copy of the demo index just changed (so no map is cached),
# then /healthz and a question while they are drawn; then two writes while another process holds the
# index's write lock for 8 s, and /healthz meanwhile. Usage: run.sh <semhash binary> <port>
set -euo pipefail
B=$1; PORT=$2; U=http://127.0.0.1:$PORT
dir=$(mktemp -d); cp Indexes/20news.sqlite "$dir/index.sqlite"; echo "s3cret-token" > "$dir/token"
OPENBLAS_CORETYPE=Haswell "$B" serve --index "$dir/index.sqlite" --port "$PORT" --write-token-file "$dir/token" 2> "$dir/serve.log" &
server=$!; trap 'kill $server; rm -rf "$dir"' EXIT; sleep 8
curl -s -o /dev/null -w "post %{http_code}\n" -X POST $U/api/documents -H "Authorization: Bearer s3cret-token" -d '[{"id":"bump","text":"hockey goalie"}]'
maps=()
for i in 1 2; do curl -s -o /dev/null -w "tsne$i %{http_code} %{time_total}\n" "$U/api/topic-map.svg?layout=tsne" & maps+=($!); done
sleep 0.5
for j in 1 2 3; do
    curl -s -o /dev/null -w "healthz %{http_code} %{time_total}\n" "$U/healthz"
    curl -s -o /dev/null -w "ask %{http_code} %{time_total}\n" "$U/api/ask?q=space+shuttle"; sleep 0.5
done
wait "${maps[@]}"
python3 -c "import sqlite3,time;c=sqlite3.connect('$dir/index.sqlite',isolation_level=None);c.execute('BEGIN IMMEDIATE');time.sleep(8)" &
holder=$!
sleep 0.5
writes=()
for i in 1 2; do curl -s -o /dev/null -w "post$i %{http_code} %{time_total}\n" -X POST $U/api/documents -H "Authorization: Bearer s3cret-token" -d "[{\"id\":\"b$i\",\"text\":\"hockey goalie\"}]" & writes+=($!); done
sleep 0.5
for j in 1 2 3; do curl -s -o /dev/null -w "healthz %{http_code} %{time_total}\n" "$U/healthz"; sleep 1; done
wait "${writes[@]}" "$holder"
grep "topic-map" "$dir/serve.log"
