# missionc.bash — complétion de missionc pour bash (installée par make install
# dans share/bash-completion/completions/missionc).

_missionc_referentiels()
{
	local dir=${MISSIONC_STDLIB:-}
	if [[ -z $dir ]]; then
		local bin
		bin=$(command -v missionc 2>/dev/null) || return
		dir=${bin%/bin/*}/share/missionc/stdlib
	fi
	[[ -d $dir ]] || return
	local f names=()
	for f in "$dir"/*.mission; do
		f=${f##*/}
		f=${f%.mission}
		[[ $f == commun ]] || names+=("$f")
	done
	printf '%s\n' "${names[@]}"
}

# Files (of an extension) or folders (-d), with bash-completion's _filedir
# when it is there, else plain compgen.
_missionc_files()
{
	if declare -F _filedir >/dev/null; then
		_filedir "$@"
	elif [[ ${1:-} == -d ]]; then
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	fi
}

_missionc()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion || return
	else
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
	fi

	local commandes="verifier lister nouveau produire lot expliquer regles modele formater lsp"
	local globales="--diagnostics=json --diagnostics=sarif --diagnostics=texte --couleur=auto --couleur=toujours --couleur=jamais --stdlib --modele --help --version"
	local cmd="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--stdlib|--modele|-o|-f|--format|-j|--nom|--shard|--separateur|--encodage|--mission)
			((i++)) ;;
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done

	case $prev in
	--stdlib|--modele) _missionc_files -d; return ;;
	-f|--format) mapfile -t COMPREPLY < <(compgen -W "pdf html md" -- "$cur"); return ;;
	--encodage) mapfile -t COMPREPLY < <(compgen -W "utf-8 windows-1252 latin-1 mac-roman" -- "$cur"); return ;;
	--separateur) mapfile -t COMPREPLY < <(compgen -W "';' ',' tab" -- "$cur"); return ;;
	-j|--nom|--shard|--mission) return ;;
	-o)
		if [[ $cmd == lot || $cmd == batch ]]; then _missionc_files -d; else _missionc_files; fi
		return ;;
	esac

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$globales" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$commandes" -- "$cur")
		fi
		return
	fi

	local opts="--help --diagnostics=json --diagnostics=sarif --diagnostics=texte --couleur=auto --couleur=toujours --couleur=jamais --stdlib --modele"
	case $cmd in
	verifier|check) ;;
	produire|build) opts+=" -f --format -o --surveiller" ;;
	formater|fmt) opts+=" --verifier" ;;
	nouveau|new) opts+=" --mission -o" ;;
	lot|batch) opts+=" -o -f -j --nom --reprendre --shard --separateur --encodage --par --recueil --quiet" ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return
	fi
	case $cmd in
	verifier|check|produire|build|formater|fmt) _missionc_files mission ;;
	lot|batch) _missionc_files '@(mission|csv)' ;;
	nouveau|new|lister|list)
		mapfile -t COMPREPLY < <(compgen -W "$(_missionc_referentiels)" -- "$cur") ;;
	esac
} && complete -F _missionc missionc
