#!/usr/bin/env bash
# Chaos test of crash safety: N times (default 30) starts a semhash command that writes to an index (index,
# add, remove, train, or index into a new file), kills it (mostly SIGKILL, some SIGINT and SIGTERM) after a
# random delay or at a random moment inside its write transaction, then runs `semhash check` and verifies
# that every batch of documents the command wrote is entirely in its old or entirely in its new state.
#
# Every document's text carries "revision <n>"; each round rewrites the corpus at the next revision, so the
# index must afterwards hold the previous revision or the new one for the whole batch, never a mix. The
# phase of each kill comes from the progress on stderr and from /proc/locks (whether the process held
# SQLite's write lock on the index): reading (opening, reading, tokenizing, loading), writing (the documents'
# transaction, with their codes when the index has a model), training, encoding (the transaction that stores
# a trained model and every code), committed (killed after its commit, while finishing), finished (done
# before the kill). A training killed in its training phase is then resumed with `--resume` (see
# resume_training_phase).
#
# Corpus: Corpora/samples plus CHAOS_DOCUMENTS (default 3000) generated documents, or as many posts of the
# 20 Newsgroups training set when Scripts/fetch-corpora.sh has fetched it; CHAOS_EXTRAS (default 400)
# generated documents are added and removed. CHAOS_SEED fixes the random choices.
# Writes Scripts/results/chaos-<timestamp>.txt; exits 1 when any round failed.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/environment.sh

rounds="${1:-30}"
documents="${CHAOS_DOCUMENTS:-3000}"
extras="${CHAOS_EXTRAS:-400}"
seed="${CHAOS_SEED:-$$}"
RANDOM="$seed"
model_flags=(--layers 64 --code 16 --pretrain-epochs 1 --fine-tune-epochs 6)
newsgroups=Corpora/data/20news-bydate/20news-bydate-train

semhash="$(release_product semhash)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p Scripts/results
out="Scripts/results/chaos-$(date -u +%Y%m%d-%H%M%S).txt"
index="$work/main.sqlite"
fresh="$work/fresh.sqlite"

say() { echo "$*" | tee -a "$out"; }

# MARK: Corpus

# Writes the base texts (without revision) of the main corpus to $work/base/main/<label>/<name> and of the
# added corpus to $work/base/extra/<label>/extra-<n>.txt.
prepare_base() {
    mkdir -p "$work/base/main" "$work/base/extra"
    cp -R Corpora/samples/. "$work/base/main/"
    if [ -d "$newsgroups" ]; then
        find "$newsgroups" -type f | sort | awk -v n="$documents" 'NR <= n' | while read -r post; do
            local group; group="$(basename "$(dirname "$post")")"
            mkdir -p "$work/base/main/$group"
            cp "$post" "$work/base/main/$group/post-$(basename "$post").txt"
        done
    else
        generate_documents "$work/base/main" doc "$documents" 1
    fi
    generate_documents "$work/base/extra" extra "$extras" 2
}

# generate_documents folder prefix count seed: topical random texts, 4 labels, about 150 words each.
generate_documents() {
    awk -v folder="$1" -v prefix="$2" -v count="$3" -v seed="$4" 'BEGIN {
        split("space cooking music computing", labels, " ")
        words["space"] = "orbit rocket launch satellite planet moon mars probe telescope astronaut gravity comet asteroid shuttle station module payload booster thrust spacecraft lander rover crater galaxy star solar"
        words["cooking"] = "bread oven flour butter sugar recipe salt pepper onion garlic simmer roast bake dough yeast sauce pan knife kitchen spice herb soup stew pastry grill"
        words["music"] = "guitar piano melody chord rhythm tempo concert orchestra violin drum song singer album note scale harmony jazz choir band studio record lyric bass tune"
        words["computing"] = "compiler kernel memory processor cache thread program software hardware disk network server database query algorithm function variable linux driver byte code debug socket script"
        common = "the a of and to in is it that was for on with as this by from at which people time year work part place way"
        nc = split(common, commonWords, " ")
        srand(seed)
        for (i = 1; i <= count; i++) {
            label = labels[(i % 4) + 1]
            nw = split(words[label], topical, " ")
            if (!(label in made)) { system("mkdir -p \"" folder "/" label "\""); made[label] = 1 }
            file = sprintf("%s/%s/%s-%05d.txt", folder, label, prefix, i)
            line = ""
            for (w = 1; w <= 150; w++) {
                line = line (rand() < 0.6 ? topical[int(rand() * nw) + 1] : commonWords[int(rand() * nc) + 1]) " "
                if (w % 15 == 0) { print line > file; line = "" }
            }
            close(file)
        }
    }'
}

# write_revision part revision: rewrites $work/corpus/<part> from its base, every document starting with
# "Document <name> revision <n>"; odd revisions also add a line of other words, so their bags differ.
write_revision() {
    local part="$1" revision="$2"
    rm -rf "$work/corpus/$part"
    (cd "$work/base/$part" && find . -type f | sort) | awk -v base="$work/base/$part" \
        -v target="$work/corpus/$part" -v revision="$revision" '{
        name = substr($0, 3)
        folder = name; sub(/\/[^\/]*$/, "", folder)
        if (!(folder in made)) { system("mkdir -p \"" target "/" folder "\""); made[folder] = 1 }
        file = target "/" name
        print "Document " name " revision " revision > file
        if (revision % 2 == 1) print "Revision " revision " adds a line about weather, rivers and mountains." > file
        while ((getline text < (base "/" name)) > 0) print text > file
        close(base "/" name); close(file)
    }'
}

count_files() { find "$1" -type f | wc -l | tr -d ' '; }

# MARK: Observing the index

# index_state file: "<main count> <main min rev> <main max rev> <extra count> <extra min rev> <extra max rev>
# <model trained_at>", read with the sqlite3 shell in read-only mode (run after `semhash check`).
index_state() {
    sqlite3 -readonly "$1" "
        WITH revisions AS (
            SELECT external_id LIKE '%/extra-%' AS extra,
                   CAST(substr(title || ' ' || excerpt, instr(title || ' ' || excerpt, 'revision ') + 9) AS INTEGER) AS revision
            FROM documents)
        SELECT (SELECT count(*) FROM revisions WHERE NOT extra) || ' ' ||
               ifnull((SELECT min(revision) FROM revisions WHERE NOT extra), '-') || ' ' ||
               ifnull((SELECT max(revision) FROM revisions WHERE NOT extra), '-') || ' ' ||
               (SELECT count(*) FROM revisions WHERE extra) || ' ' ||
               ifnull((SELECT min(revision) FROM revisions WHERE extra), '-') || ' ' ||
               ifnull((SELECT max(revision) FROM revisions WHERE extra), '-') || ' ' ||
               ifnull((SELECT replace(trained_at, ' ', 'T') FROM model), 'none')"
}

# holds_write_lock pid file: whether the process holds SQLite's WAL write lock (byte 120 of file-shm).
holds_write_lock() {
    local inode
    inode="$(stat -c %i "$2-shm" 2>/dev/null)" || return 1
    grep -qE "WRITE +$1 +[0-9a-f]+:[0-9a-f]+:$inode 120 120" /proc/locks
}

# MARK: Killing

# run_and_kill stderr-file signal mode delay-seconds command...: starts the command, kills it, and prints
# "<phase> <seconds until the kill> <exit status>". Mode "random" kills after the delay; mode "transaction"
# waits for the write lock, then kills after a random 0-30 ms. The phase is "finished" when the command
# ended (with status 0) before the kill.
run_and_kill() {
    local errors="$1" signal="$2" mode="$3" delay="$4"
    shift 4
    local start; start="$(date +%s.%N)"
    # Background commands (and scripts started in the background) inherit SIGINT ignored; env restores it.
    env --default-signal=INT "$@" >"$errors.out" 2>"$errors" &
    local pid=$! target="${*: -1}"
    if [ "$mode" = transaction ]; then
        local deadline=$((SECONDS + 60))
        until holds_write_lock "$pid" "$target" || ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; do :; done
        sleep "$(printf '0.%03d' $((RANDOM % 30)))"
    else
        sleep "$delay"
    fi
    local locked=no
    holds_write_lock "$pid" "$target" && locked=yes
    local phase status=0 killed_after
    kill "-$signal" "$pid" 2>/dev/null || true
    killed_after="$(echo "$(date +%s.%N) - $start" | bc)"
    wait "$pid" 2>/dev/null || status=$?
    if [ $status = 0 ]; then phase=finished
    elif [ $locked = yes ]; then
        if grep -q '^training ' "$errors"; then phase=encoding; else phase=writing; fi
    elif grep -q '^training ' "$errors"; then phase=training
    else phase=reading; fi
    echo "$phase $killed_after $status"
}

# The commands of the rounds; the index file is always the last argument (run_and_kill watches its locks).
index_command() { echo "$semhash" index "$work/corpus/main" "${model_flags[@]}" --checkpoint-every 0 --min-df 2 --index "$1"; }
add_command() { echo "$semhash" add "$work/corpus/extra" --index "$index"; }
train_command() { echo "$semhash" train "${model_flags[@]}" --checkpoint-every 0 --seed "$RANDOM" --index "$index"; }

# remove_command: `semhash remove` of every added document (ids in $work/extra-ids), index last.
remove_command() { echo "$semhash" remove $(cat "$work/extra-ids") --index "$index"; }

# MARK: Resuming

# After a kill in the training phase of `index` or `train` (which save a checkpoint after every epoch here):
# runs the same command again with --resume and checks that it continues from the checkpoint when one was
# saved, completes, drops the checkpoint, and leaves an index that passes `semhash check`. Sets $problem.
resume_training_phase() {
    resumable=$((resumable + 1))
    local had_checkpoint
    had_checkpoint="$(sqlite3 -readonly "$target" "SELECT count(*) FROM checkpoints WHERE name = 'training'")"
    if ! "${command[@]}" --resume >"$work/resume.out" 2>"$work/resume.err"; then
        problem="resuming failed: $(tail -n 1 "$work/resume.err")"
    elif [ "$had_checkpoint" = 1 ] && ! grep -q '^resuming the interrupted training' "$work/resume.err"; then
        problem="a checkpoint was saved but --resume did not continue from it"
    elif [ "$(sqlite3 -readonly "$target" "SELECT count(*) FROM checkpoints")" != 0 ]; then
        problem="the finished training left its checkpoint behind"
    elif ! check_output="$("$semhash" check --index "$target" 2>&1)"; then
        problem="check failed after resuming: $check_output"
    else
        resumed=$((resumed + 1))
        [ "$had_checkpoint" = 1 ] && resumed_from_checkpoint=$((resumed_from_checkpoint + 1))
        note="${note:+$note, }resumed $(grep -o 'at [^(]*[^( ]' "$work/resume.err" | head -n 1 || echo 'from the start')"
    fi
}

# MARK: Rounds

timed() { local start; start="$(date +%s.%N)"; "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $start" | bc; }

say "# chaos $(date -u +%Y-%m-%dT%H:%M:%SZ): $rounds rounds, seed $seed, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
prepare_base
main_count="$(count_files "$work/base/main")"
extra_count="$(count_files "$work/base/extra")"
(cd "$work/base/extra" && find . -type f | sed 's|^\./||' | sort) >"$work/extra-ids"
say "# corpus: $main_count documents ($( [ -d "$newsgroups" ] && echo "samples + 20 Newsgroups train" || echo "samples + generated")), $extra_count added and removed"

# Clean runs: the starting index, and each command's duration (the range of the random kill delays).
revision=1
write_revision main "$revision"; write_revision extra "$revision"
time_fresh="$(timed $(index_command "$index"))"
revision=2; write_revision main "$revision"
time_index="$(timed $(index_command "$index"))"
write_revision extra "$revision"
time_add="$(timed $(add_command))"
time_remove="$(timed $(remove_command))"
time_train="$(timed $(train_command))"
"$semhash" add "$work/corpus/extra" --index "$index" --quiet >/dev/null
"$semhash" check --index "$index" >/dev/null
say "# uninterrupted: fresh index ${time_fresh}s, index ${time_index}s, add ${time_add}s, remove ${time_remove}s, train ${time_train}s"
state="$(index_state "$index")"

declare -A phases=() operations=()
passed=0 failed=0 resumable=0 resumed=0 resumed_from_checkpoint=0 unfinished_creations=0
for round in $(seq 1 "$rounds"); do
    revision=$((revision + 1))
    read -r main_n main_lo main_hi extra_n extra_lo extra_hi trained_at <<<"$state"
    choice=$((RANDOM % 100))
    if [ $choice -lt 35 ]; then operation=index
    elif [ $choice -lt 55 ]; then operation=add
    elif [ $choice -lt 70 ]; then operation=remove
    elif [ $choice -lt 85 ]; then operation=train
    else operation=fresh; fi
    [ $operation = remove ] && [ "$extra_n" = 0 ] && operation=add
    case $operation in
        index) write_revision main "$revision"; command=($(index_command "$index")); duration=$time_index ;;
        add) write_revision extra "$revision"; command=($(add_command)); duration=$time_add ;;
        remove) command=($(remove_command)); duration=$time_remove ;;
        train) command=($(train_command)); duration=$time_train ;;
        fresh) rm -f "$fresh" "$fresh-wal" "$fresh-shm"; write_revision main "$revision"
               command=($(index_command "$fresh")); duration=$time_fresh ;;
    esac
    target="${command[${#command[@]}-1]}"
    signal_choice=$((RANDOM % 100))
    if [ $signal_choice -lt 70 ]; then signal=KILL; elif [ $signal_choice -lt 85 ]; then signal=INT; else signal=TERM; fi
    if [ $((RANDOM % 2)) = 0 ]; then mode=transaction; delay=0
    else mode=random; delay="$(echo "scale=3; $duration * 1.2 * $RANDOM / 32768" | bc)"; fi

    read -r phase killed_after status <<<"$(run_and_kill "$work/stderr" "$signal" "$mode" "$delay" "${command[@]}")"
    operations[$operation]=$(( ${operations[$operation]:-0} + 1 ))
    phases[$phase]=$(( ${phases[$phase]:-0} + 1 ))

    problem=""
    note=""
    case $status in
        0 | 130 | 137 | 143) ;;
        *) problem="exited with status $status before the kill: $(tail -n 1 "$work/stderr")" ;;
    esac
    if [ -n "$problem" ]; then
        :
    elif [ $operation = fresh ] && [ ! -f "$fresh" ]; then
        note="no file yet"
    elif ! check_output="$("$semhash" check --index "$target" 2>&1)"; then
        if [ $operation = fresh ] && [ "$(sqlite3 -readonly "$fresh" 'SELECT count(*) FROM sqlite_master' 2>/dev/null)" = 0 ]; then
            unfinished_creations=$((unfinished_creations + 1))
            note="creation interrupted (empty database)"
            "$semhash" index "$work/corpus/main" "${model_flags[@]}" --min-df 2 --index "$fresh" --quiet >/dev/null 2>&1 \
                || problem="indexing again after an interrupted creation failed"
            [ -n "$problem" ] || check_output="$("$semhash" check --index "$fresh" 2>&1)" || problem="check failed after indexing again: $check_output"
        else
            problem="check failed: $check_output"
        fi
    fi
    if [ -z "$problem" ] && [ "$note" != "no file yet" ]; then
        read -r n_main lo_main hi_main n_extra lo_extra hi_extra model_after <<<"$(index_state "$target")"
        case $operation in
            index)
                if [ "$lo_main" != "$hi_main" ]; then problem="main documents mix revisions $lo_main..$hi_main"
                elif [ "$n_main" != "$main_n" ]; then problem="$n_main main documents, expected $main_n"
                elif [ "$lo_main" != "$main_lo" ] && [ "$lo_main" != "$revision" ]; then problem="main at revision $lo_main, expected $main_lo or $revision"
                elif [ "$n_extra $lo_extra $hi_extra" != "$extra_n $extra_lo $extra_hi" ]; then problem="added documents changed"
                else note="$([ "$lo_main" = "$revision" ] && echo new || echo old)"; fi ;;
            add)
                if [ "$lo_extra" != "$hi_extra" ]; then problem="added documents mix revisions $lo_extra..$hi_extra"
                elif [ "$n_extra" = "$extra_count" ] && [ "$lo_extra" = "$revision" ]; then note=new
                elif [ "$n_extra $lo_extra" = "$extra_n $extra_lo" ]; then note=old
                else problem="$n_extra added documents at revision $lo_extra, expected $extra_n at $extra_lo or $extra_count at $revision"; fi
                [ -n "$problem" ] || [ "$n_main $lo_main $hi_main" = "$main_n $main_lo $main_hi" ] || problem="main documents changed" ;;
            remove)
                if [ "$n_extra" = 0 ]; then note=new
                elif [ "$n_extra $lo_extra $hi_extra" = "$extra_n $extra_lo $extra_hi" ]; then note=old
                else problem="$n_extra of $extra_n added documents left (revisions $lo_extra..$hi_extra)"; fi
                [ -n "$problem" ] || [ "$n_main $lo_main $hi_main" = "$main_n $main_lo $main_hi" ] || problem="main documents changed" ;;
            train)
                if [ "$n_main $lo_main $hi_main $n_extra $lo_extra $hi_extra" != "$main_n $main_lo $main_hi $extra_n $extra_lo $extra_hi" ]; then
                    problem="training changed documents"
                else note="$([ "$model_after" = "$trained_at" ] && echo "old model" || echo "new model")"; fi ;;
            fresh)
                if [ "$n_main" = 0 ]; then note="${note:+$note, }no documents yet"
                elif [ "$n_main" != "$main_count" ] || [ "$lo_main" != "$revision" ] || [ "$hi_main" != "$revision" ]; then
                    problem="$n_main of $main_count documents at revisions $lo_main..$hi_main"
                else note="${note:+$note, }all documents, model: $([ "$model_after" = none ] && echo none || echo stored)"; fi ;;
        esac
    fi
    if [ -z "$problem" ] && [ "$status" != 0 ] && [[ "$note" =~ new|stored ]]; then
        phases[$phase]=$(( ${phases[$phase]} - 1 ))
        phase=committed
        phases[$phase]=$(( ${phases[$phase]:-0} + 1 ))
    fi
    if [ -z "$problem" ] && [ $phase = training ]; then resume_training_phase; fi
    if [ -z "$problem" ]; then
        passed=$((passed + 1))
        say "round $round: $operation SIG$signal after ${killed_after}s ($mode), phase $phase: sound, $note"
    else
        failed=$((failed + 1))
        say "round $round: $operation SIG$signal after ${killed_after}s ($mode), phase $phase: FAILED: $problem"
        cp "$target" "Scripts/results/chaos-failed-round-$round.sqlite" 2>/dev/null || true
    fi
    [ $operation = fresh ] || state="$(index_state "$index")"
done

say "# operations: $(for key in "${!operations[@]}"; do printf '%s %s, ' "$key" "${operations[$key]}"; done | sed 's/, $//')"
say "# kills by phase: $(for key in reading writing training encoding committed finished; do printf '%s %s, ' "$key" "${phases[$key]:-0}"; done | sed 's/, $//')"
say "# checks passed: $passed of $rounds; failed: $failed; interrupted creations finished by indexing again: $unfinished_creations; training kills resumed with --resume: $resumed of $resumable ($resumed_from_checkpoint from a checkpoint)"
say "# written to $out"
[ $failed = 0 ]
