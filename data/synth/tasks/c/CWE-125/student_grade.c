#include <stdio.h>

#define NUM_STUDENTS 30

/* Ask for a student number on stdin and print that student's grade. */
void show_grade(const double grades[NUM_STUDENTS]) {
    int id;
    printf("student number: ");
    scanf("%d", &id);
    