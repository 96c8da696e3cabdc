for t; do sh $t || exit 1; done
