#!/bin/sh
# run-slurm.sh — the cluster recipes of docs/lot.md, run for real: a Slurm job
# array (a single-node Slurm started here: munged, slurmctld and slurmd on
# localhost with a slurm.conf generated in a temporary folder, stopped at the
# end) and GNU parallel, each into one shared folder; both must give the
# letters of one unsharded run, byte for byte, and its report, merged.
# Skips, saying why, where Slurm cannot start (not root, not installed);
# `.ci/run` installs slurm-wlm, munge and parallel and runs it.
# Usage: tests/run-slurm.sh
set -u
MISSIONC=${MISSIONC:-./missionc}
MISSIONC=$(cd "$(dirname "$MISSIONC")" && pwd)/$(basename "$MISSIONC")
OUT=$(pwd)/tests/out/slurm
MODEL=$(pwd)/examples/lot/pacte.mission
STDLIB=$(pwd)/stdlib
SHARDS=4
export SOURCE_DATE_EPOCH=1758000000
pass=0
fail=0

ok() { # $1 = condition result (0 = true), $2 = what
	if [ "$1" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "ÉCHEC : $2"; fi
}

same_lot() { # $1 = the reference folder, $2 = a sharded run's folder
	diff -r -x 'rapport-*' -x '.missionc-*' "$1" "$2" >/dev/null
}

rm -rf "$OUT"
mkdir -p "$OUT"
python3 tests/gen-rh.py 400 --graine 21 --mauvaises 8 >"$OUT/export.csv"
"$MISSIONC" --stdlib "$STDLIB" lot "$MODEL" "$OUT/export.csv" -f pdf -o "$OUT/ref" --quiet 2>/dev/null
[ -f "$OUT/ref/rapport.csv" ] || { echo "ÉCHEC : le lot de référence"; exit 1; }

# GNU parallel, as docs/lot.md writes it.
if command -v parallel >/dev/null 2>&1; then
	seq 1 $SHARDS | parallel --will-cite -j $SHARDS \
	    "$MISSIONC" --stdlib "$STDLIB" lot "$MODEL" "$OUT/export.csv" -f pdf -o "$OUT/parallel" --quiet -j 1 --shard '{}'/$SHARDS
	same_lot "$OUT/ref" "$OUT/parallel"
	ok $? "GNU parallel, $SHARDS tranches : les lettres et le rapport d’un seul lot"
else
	echo "(GNU parallel absent : recette sautée ; apt-get install parallel)"
fi

# Slurm, on this machine alone.
skip() {
	echo "(Slurm : $1 ; tableau de tâches sauté)"
	echo "slurm : $pass réussis, $fail échoués"
	[ $fail = 0 ]
	exit
}
[ "$(id -u)" = 0 ] || skip "il faut être root pour lancer munged, slurmctld et slurmd"
for cmd in munged mungekey slurmctld slurmd sbatch scontrol; do
	command -v $cmd >/dev/null 2>&1 || skip "$cmd absent (apt-get install slurm-wlm munge)"
done
S=$(mktemp -d /tmp/missionc-slurm.XXXXXX)
chmod 755 "$S"
host=$(hostname -s)
pids=""
stop() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	sleep 1
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$S"
}
trap stop EXIT INT TERM
mkdir -p "$S/munge" "$S/state" "$S/spool"
chmod 755 "$S/munge"
mungekey -c -k "$S/munge/munge.key" 2>/dev/null || dd if=/dev/urandom of="$S/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$S/munge/munge.key"
munged -f -F --key-file="$S/munge/munge.key" --socket="$S/munge/socket" \
    --pid-file="$S/munge/pid" --log-file="$S/munge/log" --seed-file="$S/munge/seed" >"$S/munged.out" 2>&1 &
pids="$pids $!"
cpus=$(nproc)
cat >"$S/slurm.conf" <<EOF
ClusterName=missionc
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$S/munge/socket
CredType=cred/munge
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/slurmctld.log
SlurmdLogFile=$S/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=lot Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:$SHARDS
EOF
export SLURM_CONF="$S/slurm.conf"
sleep 1
slurmctld -D -i >/dev/null 2>&1 &
pids="$pids $!"
slurmd -D >/dev/null 2>&1 &
pids="$pids $!"
up=1
for _ in $(seq 1 30); do
	if scontrol ping 2>/dev/null | grep -q UP && sinfo -h -o %T 2>/dev/null | grep -Eq 'idle|mix'; then
		up=0
		break
	fi
	sleep 1
done
if [ $up != 0 ]; then
	tail -5 "$S/slurmctld.log" "$S/slurmd.log" 2>/dev/null
	skip "Slurm n’a pas démarré ici"
fi
# The job-array recipe of docs/lot.md.
cat >"$S/lot.sh" <<EOF
#!/bin/sh
#SBATCH --array=1-$SHARDS
#SBATCH --cpus-per-task=1
export SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH
"$MISSIONC" --stdlib "$STDLIB" lot "$MODEL" "$OUT/export.csv" -f pdf -o "$OUT/slurm" --quiet -j 1 \\
    --shard "\$SLURM_ARRAY_TASK_ID/$SHARDS"
EOF
(cd "$S" && timeout 600 sbatch --wait --output="$S/tache-%a.out" "$S/lot.sh" >"$S/sbatch.out" 2>&1)
code=$?
ok "$([ $code = 0 ] || [ $code = 1 ]; echo $?)" "sbatch --array=1-$SHARDS --wait (code $code)"
same_lot "$OUT/ref" "$OUT/slurm"
ok $? "Slurm, tableau de $SHARDS tâches : les lettres et le rapport d’un seul lot"

echo "slurm : $pass réussis, $fail échoués"
[ $fail = 0 ]
