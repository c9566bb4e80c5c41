# Trains the default model into the build tree's zoo unless it is there already.
if(EXISTS "${ZOO}/lenet-plain.json")
  message(STATUS "default model present: ${ZOO}/lenet-plain.json")
  return()
endif()
execute_process(COMMAND "${CLI}" train --out "${ZOO}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "training the default model failed (${result})")
endif()
