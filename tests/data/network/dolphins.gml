graph [
  node [
    id 0
    label "0"
  ]
  node [
    id 1
    label "1"
  ]
  node [
    id 2
    label "2"
  ]
  node [
    id 3
    label "3"
  ]
  node [
    id 4
    label "4"
  ]
  node [
    id 5
    label "5"
  ]
  node [
    id 6
    label "6"
  ]
  node [
    id 7
    label "7"
  ]
  node [
    id 8
    label "8"
  ]
  node [
    id 9
    label "9"
  ]
  node [
    id 10
    label "10"
  ]
  node [
    id 11
    label "11"
  ]
  node [
    id 12
    label "12"
  ]
  node [
    id 13
    label "13"
  ]
  node [
    id 14
    label "14"
  ]
  node [
    id 15
    label "15"
  ]
  node [
    id 16
    label "16"
  ]
  node [
    id 17
    label "17"
  ]
  node [
    id 18
    label "18"
  ]
  node [
    id 19
    label "19"
  ]
  node [
    id 20
    label "20"
  ]
  node [
    id 21
    label "21"
  ]
  node [
    id 22
    label "22"
  ]
  node [
    id 23
    label "23"
  ]
  node [
    id 24
    label "24"
  ]
  node [
    id 25
    label "25"
  ]
  node [
    id 26
    label "26"
  ]
  node [
    id 27
    label "27"
  ]
  node [
    id 28
    label "28"
  ]
  node [
    id 29
    label "29"
  ]
  node [
    id 30
    label "30"
  ]
  node [
    id 31
    label "31"
  ]
  node [
    id 32
    label "32"
  ]
  node [
    id 33
    label "33"
  ]
  node [
    id 34
    label "34"
  ]
  node [
    id 35
    label "35"
  ]
  node [
    id 36
    label "36"
  ]
  node [
    id 37
    label "37"
  ]
  node [
    id 38
    label "38"
  ]
  node [
    id 39
    label "39"
  ]
  node [
    id 40
    label "40"
  ]
  node [
    id 41
    label "41"
  ]
  node [
    id 42
    label "42"
  ]
  node [
    id 43
    label "43"
  ]
  node [
    id 44
    label "44"
  ]
  node [
    id 45
    label "45"
  ]
  node [
    id 46
    label "46"
  ]
  node [
    id 47
    label "47"
  ]
  node [
    id 48
    label "48"
  ]
  node [
    id 49
    label "49"
  ]
  node [
    id 50
    label "50"
  ]
  node [
    id 51
    label "51"
  ]
  node [
    id 52
    label "52"
  ]
  node [
    id 53
    label "53"
  ]
  node [
    id 54
    label "54"
  ]
  node [
    id 55
    label "55"
  ]
  node [
    id 56
    label "56"
  ]
  node [
    id 57
    label "57"
  ]
  node [
    id 58
    label "58"
  ]
  node [
    id 59
    label "59"
  ]
  node [
    id 60
    label "60"
  ]
  node [
    id 61
    label "61"
  ]
  edge [
    source 0
    target 10
    weight 1.0
  ]
  edge [
    source 0
    target 14
    weight 1.0
  ]
  edge [
    source 0
    target 15
    weight 1.0
  ]
  edge [
    source 0
    target 40
    weight 1.0
  ]
  edge [
    source 0
    target 42
    weight 1.0
  ]
  edge [
    source 0
    target 47
    weight 1.0
  ]
  edge [
    source 1
    target 17
    weight 1.0
  ]
  edge [
    source 1
    target 19
    weight 1.0
  ]
  edge [
    source 1
    target 26
    weight 1.0
  ]
  edge [
    source 1
    target 27
    weight 1.0
  ]
  edge [
    source 1
    target 28
    weight 1.0
  ]
  edge [
    source 1
    target 36
    weight 1.0
  ]
  edge [
    source 1
    target 41
    weight 1.0
  ]
  edge [
    source 1
    target 54
    weight 1.0
  ]
  edge [
    source 2
    target 10
    weight 1.0
  ]
  edge [
    source 2
    target 42
    weight 1.0
  ]
  edge [
    source 2
    target 44
    weight 1.0
  ]
  edge [
    source 2
    target 61
    weight 1.0
  ]
  edge [
    source 3
    target 8
    weight 1.0
  ]
  edge [
    source 3
    target 14
    weight 1.0
  ]
  edge [
    source 3
    target 59
    weight 1.0
  ]
  edge [
    source 4
    target 51
    weight 1.0
  ]
  edge [
    source 5
    target 9
    weight 1.0
  ]
  edge [
    source 5
    target 13
    weight 1.0
  ]
  edge [
    source 5
    target 56
    weight 1.0
  ]
  edge [
    source 5
    target 57
    weight 1.0
  ]
  edge [
    source 6
    target 9
    weight 1.0
  ]
  edge [
    source 6
    target 13
    weight 1.0
  ]
  edge [
    source 6
    target 17
    weight 1.0
  ]
  edge [
    source 6
    target 54
    weight 1.0
  ]
  edge [
    source 6
    target 56
    weight 1.0
  ]
  edge [
    source 6
    target 57
    weight 1.0
  ]
  edge [
    source 7
    target 19
    weight 1.0
  ]
  edge [
    source 7
    target 27
    weight 1.0
  ]
  edge [
    source 7
    target 30
    weight 1.0
  ]
  edge [
    source 7
    target 40
    weight 1.0
  ]
  edge [
    source 7
    target 54
    weight 1.0
  ]
  edge [
    source 8
    target 20
    weight 1.0
  ]
  edge [
    source 8
    target 28
    weight 1.0
  ]
  edge [
    source 8
    target 37
    weight 1.0
  ]
  edge [
    source 8
    target 45
    weight 1.0
  ]
  edge [
    source 8
    target 59
    weight 1.0
  ]
  edge [
    source 9
    target 13
    weight 1.0
  ]
  edge [
    source 9
    target 17
    weight 1.0
  ]
  edge [
    source 9
    target 32
    weight 1.0
  ]
  edge [
    source 9
    target 41
    weight 1.0
  ]
  edge [
    source 9
    target 57
    weight 1.0
  ]
  edge [
    source 10
    target 29
    weight 1.0
  ]
  edge [
    source 10
    target 42
    weight 1.0
  ]
  edge [
    source 10
    target 47
    weight 1.0
  ]
  edge [
    source 11
    target 51
    weight 1.0
  ]
  edge [
    source 12
    target 33
    weight 1.0
  ]
  edge [
    source 13
    target 17
    weight 1.0
  ]
  edge [
    source 13
    target 32
    weight 1.0
  ]
  edge [
    source 13
    target 41
    weight 1.0
  ]
  edge [
    source 13
    target 54
    weight 1.0
  ]
  edge [
    source 13
    target 57
    weight 1.0
  ]
  edge [
    source 14
    target 16
    weight 1.0
  ]
  edge [
    source 14
    target 24
    weight 1.0
  ]
  edge [
    source 14
    target 33
    weight 1.0
  ]
  edge [
    source 14
    target 34
    weight 1.0
  ]
  edge [
    source 14
    target 37
    weight 1.0
  ]
  edge [
    source 14
    target 38
    weight 1.0
  ]
  edge [
    source 14
    target 40
    weight 1.0
  ]
  edge [
    source 14
    target 43
    weight 1.0
  ]
  edge [
    source 14
    target 50
    weight 1.0
  ]
  edge [
    source 14
    target 52
    weight 1.0
  ]
  edge [
    source 15
    target 18
    weight 1.0
  ]
  edge [
    source 15
    target 24
    weight 1.0
  ]
  edge [
    source 15
    target 40
    weight 1.0
  ]
  edge [
    source 15
    target 45
    weight 1.0
  ]
  edge [
    source 15
    target 55
    weight 1.0
  ]
  edge [
    source 15
    target 59
    weight 1.0
  ]
  edge [
    source 16
    target 20
    weight 1.0
  ]
  edge [
    source 16
    target 33
    weight 1.0
  ]
  edge [
    source 16
    target 37
    weight 1.0
  ]
  edge [
    source 16
    target 38
    weight 1.0
  ]
  edge [
    source 16
    target 50
    weight 1.0
  ]
  edge [
    source 17
    target 22
    weight 1.0
  ]
  edge [
    source 17
    target 25
    weight 1.0
  ]
  edge [
    source 17
    target 27
    weight 1.0
  ]
  edge [
    source 17
    target 31
    weight 1.0
  ]
  edge [
    source 17
    target 57
    weight 1.0
  ]
  edge [
    source 18
    target 20
    weight 1.0
  ]
  edge [
    source 18
    target 21
    weight 1.0
  ]
  edge [
    source 18
    target 24
    weight 1.0
  ]
  edge [
    source 18
    target 29
    weight 1.0
  ]
  edge [
    source 18
    target 45
    weight 1.0
  ]
  edge [
    source 18
    target 51
    weight 1.0
  ]
  edge [
    source 19
    target 30
    weight 1.0
  ]
  edge [
    source 19
    target 54
    weight 1.0
  ]
  edge [
    source 20
    target 28
    weight 1.0
  ]
  edge [
    source 20
    target 36
    weight 1.0
  ]
  edge [
    source 20
    target 38
    weight 1.0
  ]
  edge [
    source 20
    target 44
    weight 1.0
  ]
  edge [
    source 20
    target 47
    weight 1.0
  ]
  edge [
    source 20
    target 50
    weight 1.0
  ]
  edge [
    source 21
    target 29
    weight 1.0
  ]
  edge [
    source 21
    target 33
    weight 1.0
  ]
  edge [
    source 21
    target 37
    weight 1.0
  ]
  edge [
    source 21
    target 45
    weight 1.0
  ]
  edge [
    source 21
    target 51
    weight 1.0
  ]
  edge [
    source 23
    target 36
    weight 1.0
  ]
  edge [
    source 23
    target 45
    weight 1.0
  ]
  edge [
    source 23
    target 51
    weight 1.0
  ]
  edge [
    source 24
    target 29
    weight 1.0
  ]
  edge [
    source 24
    target 45
    weight 1.0
  ]
  edge [
    source 24
    target 51
    weight 1.0
  ]
  edge [
    source 25
    target 26
    weight 1.0
  ]
  edge [
    source 25
    target 27
    weight 1.0
  ]
  edge [
    source 26
    target 27
    weight 1.0
  ]
  edge [
    source 28
    target 30
    weight 1.0
  ]
  edge [
    source 28
    target 47
    weight 1.0
  ]
  edge [
    source 29
    target 35
    weight 1.0
  ]
  edge [
    source 29
    target 43
    weight 1.0
  ]
  edge [
    source 29
    target 45
    weight 1.0
  ]
  edge [
    source 29
    target 51
    weight 1.0
  ]
  edge [
    source 29
    target 52
    weight 1.0
  ]
  edge [
    source 30
    target 42
    weight 1.0
  ]
  edge [
    source 30
    target 47
    weight 1.0
  ]
  edge [
    source 32
    target 60
    weight 1.0
  ]
  edge [
    source 33
    target 34
    weight 1.0
  ]
  edge [
    source 33
    target 37
    weight 1.0
  ]
  edge [
    source 33
    target 38
    weight 1.0
  ]
  edge [
    source 33
    target 40
    weight 1.0
  ]
  edge [
    source 33
    target 43
    weight 1.0
  ]
  edge [
    source 33
    target 50
    weight 1.0
  ]
  edge [
    source 34
    target 37
    weight 1.0
  ]
  edge [
    source 34
    target 44
    weight 1.0
  ]
  edge [
    source 34
    target 49
    weight 1.0
  ]
  edge [
    source 36
    target 37
    weight 1.0
  ]
  edge [
    source 36
    target 39
    weight 1.0
  ]
  edge [
    source 36
    target 40
    weight 1.0
  ]
  edge [
    source 36
    target 59
    weight 1.0
  ]
  edge [
    source 37
    target 40
    weight 1.0
  ]
  edge [
    source 37
    target 43
    weight 1.0
  ]
  edge [
    source 37
    target 45
    weight 1.0
  ]
  edge [
    source 37
    target 61
    weight 1.0
  ]
  edge [
    source 38
    target 43
    weight 1.0
  ]
  edge [
    source 38
    target 44
    weight 1.0
  ]
  edge [
    source 38
    target 52
    weight 1.0
  ]
  edge [
    source 38
    target 58
    weight 1.0
  ]
  edge [
    source 39
    target 57
    weight 1.0
  ]
  edge [
    source 40
    target 52
    weight 1.0
  ]
  edge [
    source 41
    target 54
    weight 1.0
  ]
  edge [
    source 41
    target 57
    weight 1.0
  ]
  edge [
    source 42
    target 47
    weight 1.0
  ]
  edge [
    source 42
    target 50
    weight 1.0
  ]
  edge [
    source 43
    target 46
    weight 1.0
  ]
  edge [
    source 43
    target 53
    weight 1.0
  ]
  edge [
    source 45
    target 50
    weight 1.0
  ]
  edge [
    source 45
    target 51
    weight 1.0
  ]
  edge [
    source 45
    target 59
    weight 1.0
  ]
  edge [
    source 46
    target 49
    weight 1.0
  ]
  edge [
    source 48
    target 57
    weight 1.0
  ]
  edge [
    source 50
    target 51
    weight 1.0
  ]
  edge [
    source 51
    target 55
    weight 1.0
  ]
  edge [
    source 53
    target 61
    weight 1.0
  ]
  edge [
    source 54
    target 57
    weight 1.0
  ]
]
