# zsh-complete.zsh DIR LINE — the candidates zsh's own completion offers
# for LINE typed at a prompt, the completion functions of DIR first in
# fpath: one per line, sorted. An interactive zsh is driven through a
# pseudo-terminal (zsh/zpty); compadd is wrapped to print what it adds, and
# the completion system's last hook (comppostfuncs) says when it is done:
# no fixed wait, a loaded machine only takes longer. Used by
# tests/run-aide.sh.
zmodload zsh/zpty || exit 2
zpty z zsh -f -i
zpty -w z "PS1='' PS2='' RPS1=''"
# -D: no dump file (given one, compinit renames a new dump over it).
zpty -w z "fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z 'compadd () { local -a __h; builtin compadd -O __h "$@"; print -rl -- "<<"${^__h}">>"; builtin compadd "$@" }'
zpty -w z '__fin () { print -r -- "<<FIN""DONE>>"; }; comppostfuncs=(__fin)'
zpty -w z 'zstyle ":completion:*" list-prompt ""; zstyle ":completion:*" select-prompt ""'
zpty -n -w z "$2"$'\t'
out=''
integer deadline=$(( SECONDS + 30 ))
while (( SECONDS < deadline )); do
	if zpty -r -t z line; then
		out+=$line
		[[ $out == *'<<FINDONE>>'* ]] && break
	else
		sleep 0.05
	fi
done
zpty -d z
[[ $out == *'<<FINDONE>>'* ]] || { print -u2 "zsh-complete.zsh : pas de fin de complétion pour « $2 »"; exit 1; }
print -r -- "$out" | grep -o "<<[^<>\"' ]*>>" | sed 's/^<<//; s/>>$//' |
    grep -v '^FINDONE$' | sort -u
