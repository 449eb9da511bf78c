#!/bin/bash
# usage: run.sh NAME [extra train args...]   (env knobs pass through)
name=$1; shift
B=/work/targets/topic/release/newsnlp
cd /work/wt/topic
out=/tmp/topic-exp/$name
rm -rf $out; mkdir -p $out
/usr/bin/time -f "%e s wall" $B train topic --builtin /work/shared/data --word-clusters models/topic/word-clusters.tsv.gz "$@" --cv 5 --out $out/model > $out/cv.txt 2> $out/err.txt
$B eval topic tests/data/topic_dev_teasers.jsonl --label-field topic --model $out/model --predictions $out/dev.jsonl > $out/dev.txt 2>&1
echo "== $name $* $(env | grep NEWSNLP_EXP | tr '\n' ' ')"
grep -E "^records|economy. on top" $out/cv.txt | head -6 | tr '\n' ' '; echo
grep -E "^records" $out/dev.txt
tail -1 $out/err.txt
